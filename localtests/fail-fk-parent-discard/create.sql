-- --discard-foreign-keys drops child-side keys only: a table other tables
-- refer to is still refused.
drop table if exists gh_ost_test_item;
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  title varchar(40) not null,
  primary key (id)
) engine=innodb;

create table gh_ost_test_item (
  id int not null auto_increment,
  parent_id int not null,
  primary key (id),
  constraint gh_ost_test_item_fk foreign key (parent_id) references gh_ost_test (id)
) engine=innodb;

insert into gh_ost_test (title) values ('one'), ('two');
insert into gh_ost_test_item (parent_id) values (1), (1), (2);
